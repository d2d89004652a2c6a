"""Scoring the 绩效自评表 under its profile and settling its figures with the disclosure's (pure)."""
