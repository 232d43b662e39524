from .tables import Found, Table

__all__ = ["Found", "Table"]
