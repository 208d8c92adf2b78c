-- Satisfaction, asked once after the farewell: 1 (bad) to 5 (excellent).
ALTER TABLE conversations ADD COLUMN satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5);
ALTER TABLE conversations ADD COLUMN rated_at INTEGER;
