from .plugin import HealthDocsPlugin

__all__ = ["HealthDocsPlugin"]
