"""Solution -> tables: outcome frames and KPIs, reasons and explanations, comparisons."""
