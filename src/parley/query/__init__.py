"""Reading a parley database: filters, aggregates, exports and the Python API over them."""
