// LabfeedParse: feeds, calendars and pages into entries and events.
