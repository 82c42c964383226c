"""Accounts payable: supplier invoices, the three-way match, payments and the aged report."""
