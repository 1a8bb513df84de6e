// programme.schema.json: the JSON Schema (2020-12) that programme.json validates against.

/// The schema of programme.json, written by hand; tests validate real outputs against it.
public enum ProgrammeSchema {
    public static let fileName = "programme.schema.json"

    public static let json = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://labfeed.invalid/programme.schema.json",
  "title": "labfeed programme",
  "description": "The merged programme of public-innovation events written by labfeed (docs/PROGRAMME.md).",
  "type": "object",
  "required": ["schema_version", "updated_at", "sources", "events"],
  "additionalProperties": false,
  "properties": {
    "schema_version": {"const": 1},
    "updated_at": {"$ref": "#/$defs/timestampOrNull"},
    "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
    "events": {"type": "array", "items": {"$ref": "#/$defs/event"}}
  },
  "$defs": {
    "timestamp": {"type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"},
    "timestampOrNull": {"anyOf": [{"$ref": "#/$defs/timestamp"}, {"type": "null"}]},
    "eventTime": {
      "type": "string",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2})?$"
    },
    "eventTimeOrNull": {"anyOf": [{"$ref": "#/$defs/eventTime"}, {"type": "null"}]},
    "stringOrNull": {"type": ["string", "null"]},
    "source": {
      "type": "object",
      "required": ["id", "name", "status", "events", "last_change", "last_error", "failing_since"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "minLength": 1},
        "name": {"$ref": "#/$defs/stringOrNull"},
        "status": {"enum": ["ok", "failing", "pending"]},
        "events": {"type": "integer", "minimum": 0},
        "last_change": {"$ref": "#/$defs/timestampOrNull"},
        "last_error": {"$ref": "#/$defs/stringOrNull"},
        "failing_since": {"$ref": "#/$defs/timestampOrNull"}
      }
    },
    "location": {
      "type": "object",
      "required": ["name", "address", "locality", "postal_code", "region", "country", "latitude", "longitude"],
      "additionalProperties": false,
      "properties": {
        "name": {"$ref": "#/$defs/stringOrNull"},
        "address": {"$ref": "#/$defs/stringOrNull"},
        "locality": {"$ref": "#/$defs/stringOrNull"},
        "postal_code": {"$ref": "#/$defs/stringOrNull"},
        "region": {"$ref": "#/$defs/stringOrNull"},
        "country": {"$ref": "#/$defs/stringOrNull"},
        "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
        "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180}
      }
    },
    "nameAndURL": {
      "type": "object",
      "required": ["name", "url"],
      "additionalProperties": false,
      "properties": {"name": {"$ref": "#/$defs/stringOrNull"}, "url": {"$ref": "#/$defs/stringOrNull"}}
    },
    "reference": {
      "type": "object",
      "required": ["title", "url"],
      "additionalProperties": false,
      "properties": {"title": {"$ref": "#/$defs/stringOrNull"}, "url": {"$ref": "#/$defs/stringOrNull"}}
    },
    "registration": {
      "type": "object",
      "required": ["url", "price", "currency", "free"],
      "additionalProperties": false,
      "properties": {
        "url": {"$ref": "#/$defs/stringOrNull"},
        "price": {"$ref": "#/$defs/stringOrNull"},
        "currency": {"$ref": "#/$defs/stringOrNull"},
        "free": {"type": ["boolean", "null"]}
      }
    },
    "foundBy": {"enum": ["json-ld", "microdata", "h-event", "hcalendar", "selectors", "prose", "rss", "ics"]},
    "eventSource": {
      "type": "object",
      "required": ["source", "url", "found_by", "item_id", "key", "first_seen", "last_seen"],
      "additionalProperties": false,
      "properties": {
        "source": {"type": "string", "minLength": 1},
        "url": {"$ref": "#/$defs/stringOrNull"},
        "found_by": {"$ref": "#/$defs/foundBy"},
        "item_id": {"$ref": "#/$defs/stringOrNull"},
        "key": {"type": "string", "minLength": 1},
        "first_seen": {"$ref": "#/$defs/timestamp"},
        "last_seen": {"$ref": "#/$defs/timestamp"}
      }
    },
    "event": {
      "type": "object",
      "required": [
        "id", "title", "description", "description_html", "start", "end", "all_day", "time_zone", "location", "url",
        "organizer", "status", "previous_start", "attendance_mode", "online_url", "registration", "keywords", "image",
        "super_event", "language", "alternates", "found_by", "confidence", "source_id", "titles", "sources", "region",
        "first_seen", "last_seen", "updated", "past", "content_hash"
      ],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "pattern": "^ev-[0-9a-f]{16}$"},
        "title": {"type": "string", "minLength": 1},
        "description": {"$ref": "#/$defs/stringOrNull"},
        "description_html": {"$ref": "#/$defs/stringOrNull"},
        "start": {"$ref": "#/$defs/eventTime"},
        "end": {"$ref": "#/$defs/eventTimeOrNull"},
        "all_day": {"type": "boolean"},
        "time_zone": {"$ref": "#/$defs/stringOrNull"},
        "location": {"anyOf": [{"$ref": "#/$defs/location"}, {"type": "null"}]},
        "url": {"$ref": "#/$defs/stringOrNull"},
        "organizer": {"anyOf": [{"$ref": "#/$defs/nameAndURL"}, {"type": "null"}]},
        "status": {"enum": ["scheduled", "cancelled", "postponed", "rescheduled", "moved_online"]},
        "previous_start": {"$ref": "#/$defs/eventTimeOrNull"},
        "attendance_mode": {"enum": ["offline", "online", "mixed", null]},
        "online_url": {"$ref": "#/$defs/stringOrNull"},
        "registration": {"anyOf": [{"$ref": "#/$defs/registration"}, {"type": "null"}]},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "image": {"$ref": "#/$defs/stringOrNull"},
        "super_event": {"anyOf": [{"$ref": "#/$defs/reference"}, {"type": "null"}]},
        "language": {"$ref": "#/$defs/stringOrNull"},
        "alternates": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["url"],
            "additionalProperties": false,
            "properties": {"language": {"$ref": "#/$defs/stringOrNull"}, "url": {"type": "string"}}
          }
        },
        "found_by": {"$ref": "#/$defs/foundBy"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "source_id": {"$ref": "#/$defs/stringOrNull"},
        "titles": {"type": "object", "additionalProperties": {"type": "string"}},
        "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/eventSource"}},
        "region": {"$ref": "#/$defs/stringOrNull"},
        "first_seen": {"$ref": "#/$defs/timestamp"},
        "last_seen": {"$ref": "#/$defs/timestamp"},
        "updated": {"$ref": "#/$defs/timestamp"},
        "past": {"type": "boolean"},
        "content_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"}
      }
    }
  }
}

"""#
}
