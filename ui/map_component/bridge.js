// The map's frame in the app: a sandboxed iframe holding the map page
// (netanalysis/templates/map.html.j2), and the way back to Python: the page
// posts {netwerkkaart: "click", id} when a stakeholder is clicked, and this
// component hands the id to Streamlit as a one-rerun trigger value.
// Nothing is loaded from elsewhere: the page arrives as data.html.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let frame = parentElement.querySelector("iframe");
  if (!frame || frame.__nkHtml !== data.html) {
    // A new frame per page, its srcdoc set before it joins the document:
    // changing srcdoc of an attached frame can race its first, blank load.
    const fresh = document.createElement("iframe");
    // No allow-same-origin: the map cannot reach the app's cookies or DOM;
    // downloads are how its PNG and SVG buttons save an image.
    fresh.setAttribute("sandbox", "allow-scripts allow-downloads");
    fresh.style.width = "100%";
    fresh.style.border = "0";
    fresh.style.display = "block";
    fresh.__nkHtml = data.html;
    fresh.srcdoc = data.html;
    if (frame) {
      parentElement.replaceChild(fresh, frame);
    } else {
      parentElement.appendChild(fresh);
    }
    frame = fresh;
  }
  frame.setAttribute("title", data.title || "");
  frame.style.height = data.height;
  if (parentElement.__nkListener) {
    window.removeEventListener("message", parentElement.__nkListener);
  }
  const listener = (event) => {
    if (event.source !== frame.contentWindow) return;
    const message = event.data;
    if (message && message.netwerkkaart === "click" && typeof message.id === "string") {
      setTriggerValue("clicked", message.id);
    }
  };
  parentElement.__nkListener = listener;
  window.addEventListener("message", listener);
  return () => window.removeEventListener("message", listener);
}
