-- Trainings by value date, country and course: "the same training"
-- (same country, date and course) is one lookup, however many trainings
-- a day holds; ranges of dates read the same index.
DROP INDEX entries_training_date;
CREATE INDEX entries_training ON entries (date, country, lower(trim(title))) WHERE kind = 'training';
