"""Inventory planning maths: places and distances, demand forecasting, backtests."""
