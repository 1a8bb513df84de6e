// LabfeedFetch: the one Swift module that talks to libcurl.
