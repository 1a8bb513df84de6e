// LabfeedParse: feeds, calendars and pages into entries and events.
// Entry point: DocumentParser (Detect/). Formats: Feeds/ (RSS, Atom, JSON Feed), Calendar/
// (iCalendar), Text/ (HTML sanitising and plain text), HTML/ (structured data in pages).
