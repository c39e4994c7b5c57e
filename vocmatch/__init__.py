"""vocmatch — matches vocational programmes to industry demand for Ganxian District."""

__version__ = "0.1.0"
