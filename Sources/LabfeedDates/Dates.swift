// LabfeedDates: French and English dates found in text.
