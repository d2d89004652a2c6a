"""Reading the self-evaluation's files: 绩效自评表.xlsx (with the workbook reader every workbook goes
through), the scoring profile (YAML), and writing its blank or carried-forward workbook (init)."""
