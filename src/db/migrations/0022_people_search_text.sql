-- Superseded by 0024: the search index stays on the expression, and no column is stored.
-- (A database that ran this migration's first form, which stored a search_text column, has it
-- dropped by 0024; a new or older one is not rewritten for a column it would lose again.)
SELECT 1;
