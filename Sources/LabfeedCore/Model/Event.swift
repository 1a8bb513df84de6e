// The event model every part of labfeed shares. Names follow schema.org (in brackets below).

/// One gathering that people can attend, as one source announced it.
///
/// A value type: sources, parsers, the store and the writers pass it around freely. Fields a
/// source does not give stay nil (or empty), never invented. JSON field names are the snake_case
/// names of `labfeed fetch --json` (shared/fetch-json.md) and of `programme.json`.
public struct Event: Sendable, Hashable, Codable {
    /// [name] Plain text.
    public var title: String
    /// [description] Plain text.
    public var description: String?
    /// The description as sanitised HTML, where the source had markup.
    public var descriptionHTML: String? {
        get { rare?.fields.descriptionHTML }
        set { updateRare { $0.descriptionHTML = newValue } }
    }
    /// [startDate] At the precision the source gave.
    public var start: EventTime
    /// [endDate] Same forms as `start`; nil when not given.
    public var end: EventTime?
    /// The IANA zone the local times were read in (Europe/Paris by default).
    public var timeZone: String?
    /// [location] Where, when known.
    public var location: Location?
    /// [url] The event's own page, absolute.
    public var url: String?
    /// [organizer]
    public var organizer: Organizer?
    /// [eventStatus]
    public var status: EventStatus
    /// [previousStartDate] For postponed or rescheduled events.
    public var previousStart: EventTime? {
        get { rare?.fields.previousStart }
        set { updateRare { $0.previousStart = newValue } }
    }
    /// [eventAttendanceMode] nil when the source does not say.
    public var attendanceMode: AttendanceMode?
    /// [VirtualLocation.url]
    public var onlineURL: String? {
        get { rare?.fields.onlineURL }
        set { updateRare { $0.onlineURL = newValue } }
    }
    /// [offers]
    public var registration: Registration? {
        get { rare?.fields.registration }
        set { updateRare { $0.registration = newValue } }
    }
    /// [keywords] Also categories and tags.
    public var keywords: [String]
    /// [image] Absolute URL.
    public var image: String? {
        get { rare?.fields.image }
        set { updateRare { $0.image = newValue } }
    }
    /// [superEvent] The umbrella event, such as the Mois de l'innovation publique.
    public var superEvent: EventReference? {
        get { rare?.fields.superEvent }
        set { updateRare { $0.superEvent = newValue } }
    }
    /// [inLanguage] BCP 47 tag such as `fr` or `en`.
    public var language: String?
    /// Versions of the announcement in other languages (hreflang, og:locale:alternate).
    public var alternates: [Alternate]
    /// How the event was found.
    public var foundBy: FoundBy
    /// How sure the extractor is, from 0 to 1 (1 for structured data).
    public var confidence: Double
    /// The identity the source gives the event (iCalendar UID, feed guid, JSON-LD @id), if any.
    public var sourceID: String?
    /// The fields few announcements give (HTML description, previous start, online URL, offers,
    /// image, umbrella event), in one shared box; nil when none is set. Inline they were about
    /// 200 of the event's 690 bytes, paid by every copy the programme build holds (some 14,000
    /// for 1,000 sources); boxed they cost 8 bytes, plus one small allocation where any is set.
    private var rare: RareBox?

    /// Replaces the box with one holding the changed fields (nil when none is left): values
    /// sharing the old box keep it unchanged.
    private mutating func updateRare(_ change: (inout RareFields) -> Void) {
        var fields = rare?.fields ?? RareFields()
        change(&fields)
        rare = RareBox.holding(fields)
    }

    public init(
        title: String, description: String? = nil, descriptionHTML: String? = nil,
        start: EventTime, end: EventTime? = nil, timeZone: String? = nil,
        location: Location? = nil, url: String? = nil, organizer: Organizer? = nil,
        status: EventStatus = .scheduled, previousStart: EventTime? = nil,
        attendanceMode: AttendanceMode? = nil, onlineURL: String? = nil,
        registration: Registration? = nil, keywords: [String] = [], image: String? = nil,
        superEvent: EventReference? = nil, language: String? = nil, alternates: [Alternate] = [],
        foundBy: FoundBy, confidence: Double = 1, sourceID: String? = nil
    ) {
        self.title = title
        self.description = description
        self.rare = RareBox.holding(RareFields(descriptionHTML: descriptionHTML, previousStart: previousStart, onlineURL: onlineURL,
                                               registration: registration, image: image, superEvent: superEvent))
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.location = location
        self.url = url
        self.organizer = organizer
        self.status = status
        self.attendanceMode = attendanceMode
        self.keywords = keywords
        self.language = language
        self.alternates = alternates
        self.foundBy = foundBy
        self.confidence = confidence
        self.sourceID = sourceID
    }

    /// True when the event takes whole days (its start is a bare date).
    public var allDay: Bool { start.isAllDay }

    enum CodingKeys: String, CodingKey {
        case title, description
        case descriptionHTML = "description_html"
        case start, end
        case allDay = "all_day"
        case timeZone = "time_zone"
        case location, url, organizer, status
        case previousStart = "previous_start"
        case attendanceMode = "attendance_mode"
        case onlineURL = "online_url"
        case registration, keywords, image
        case superEvent = "super_event"
        case language, alternates
        case foundBy = "found_by"
        case confidence
        case sourceID = "source_id"
    }

    /// Writes every field, missing ones as `null`, so readers see a stable shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(description, forKey: .description)
        try c.encode(descriptionHTML, forKey: .descriptionHTML)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(allDay, forKey: .allDay)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(location, forKey: .location)
        try c.encode(url, forKey: .url)
        try c.encode(organizer, forKey: .organizer)
        try c.encode(status, forKey: .status)
        try c.encode(previousStart, forKey: .previousStart)
        try c.encode(attendanceMode, forKey: .attendanceMode)
        try c.encode(onlineURL, forKey: .onlineURL)
        try c.encode(registration, forKey: .registration)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(image, forKey: .image)
        try c.encode(superEvent, forKey: .superEvent)
        try c.encode(language, forKey: .language)
        try c.encode(alternates, forKey: .alternates)
        try c.encode(foundBy, forKey: .foundBy)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(sourceID, forKey: .sourceID)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        var rareFields = RareFields()
        rareFields.descriptionHTML = try c.decodeIfPresent(String.self, forKey: .descriptionHTML)
        start = try c.decode(EventTime.self, forKey: .start)
        end = try c.decodeIfPresent(EventTime.self, forKey: .end)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
        location = try c.decodeIfPresent(Location.self, forKey: .location)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        organizer = try c.decodeIfPresent(Organizer.self, forKey: .organizer)
        status = try c.decodeIfPresent(EventStatus.self, forKey: .status) ?? .scheduled
        rareFields.previousStart = try c.decodeIfPresent(EventTime.self, forKey: .previousStart)
        attendanceMode = try c.decodeIfPresent(AttendanceMode.self, forKey: .attendanceMode)
        rareFields.onlineURL = try c.decodeIfPresent(String.self, forKey: .onlineURL)
        rareFields.registration = try c.decodeIfPresent(Registration.self, forKey: .registration)
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        rareFields.image = try c.decodeIfPresent(String.self, forKey: .image)
        rareFields.superEvent = try c.decodeIfPresent(EventReference.self, forKey: .superEvent)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        alternates = try c.decodeIfPresent([Alternate].self, forKey: .alternates) ?? []
        foundBy = try c.decode(FoundBy.self, forKey: .foundBy)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 1
        sourceID = try c.decodeIfPresent(String.self, forKey: .sourceID)
        rare = RareBox.holding(rareFields)
    }
}

/// The rarely given fields of an ``Event``, as one value.
struct RareFields: Sendable, Hashable {
    var descriptionHTML: String?
    var previousStart: EventTime?
    var onlineURL: String?
    var registration: Registration?
    var image: String?
    var superEvent: EventReference?

    var isEmpty: Bool {
        descriptionHTML == nil && previousStart == nil && onlineURL == nil && registration == nil && image == nil && superEvent == nil
    }
}

/// An immutable box of ``RareFields``, shared by copies of an event; compared and hashed by
/// value, so events compare as if the fields were stored inline (an event with none has no box).
final class RareBox: Sendable, Hashable {
    let fields: RareFields

    private init(_ fields: RareFields) { self.fields = fields }

    /// A box for the fields, or nil when none is set (so that equal events have equal boxes).
    static func holding(_ fields: RareFields) -> RareBox? { fields.isEmpty ? nil : RareBox(fields) }

    static func == (a: RareBox, b: RareBox) -> Bool { a === b || a.fields == b.fields }

    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}

/// [Place] with [PostalAddress] and [geo]. Every field optional.
public struct Location: Sendable, Hashable, Codable {
    public var name: String?
    /// [streetAddress]
    public var address: String?
    /// [addressLocality] The town: "Limoges".
    public var locality: String?
    public var postalCode: String?
    /// [addressRegion] "Nouvelle-Aquitaine".
    public var region: String?
    /// [addressCountry] ISO 3166 code or name as given.
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(name: String? = nil, address: String? = nil, locality: String? = nil, postalCode: String? = nil,
                region: String? = nil, country: String? = nil, latitude: Double? = nil, longitude: Double? = nil) {
        self.name = name
        self.address = address
        self.locality = locality
        self.postalCode = postalCode
        self.region = region
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True when no field is set.
    public var isEmpty: Bool {
        name == nil && address == nil && locality == nil && postalCode == nil && region == nil
            && country == nil && latitude == nil && longitude == nil
    }

    enum CodingKeys: String, CodingKey {
        case name, address, locality
        case postalCode = "postal_code"
        case region, country, latitude, longitude
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
        try c.encode(locality, forKey: .locality)
        try c.encode(postalCode, forKey: .postalCode)
        try c.encode(region, forKey: .region)
        try c.encode(country, forKey: .country)
        try c.encode(latitude, forKey: .latitude)
        try c.encode(longitude, forKey: .longitude)
    }
}

/// [organizer] A person or organisation.
public struct Organizer: Sendable, Hashable, Codable {
    public var name: String?
    public var url: String?

    public init(name: String? = nil, url: String? = nil) {
        self.name = name
        self.url = url
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(url, forKey: .url)
    }
}

/// [eventStatus]
public enum EventStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled, cancelled, postponed, rescheduled
    case movedOnline = "moved_online"
}

/// [eventAttendanceMode]
public enum AttendanceMode: String, Sendable, Hashable, Codable, CaseIterable {
    case offline, online, mixed
}

/// [offers] How to register and what it costs.
public struct Registration: Sendable, Hashable, Codable {
    public var url: String?
    /// As given ("0", "15.00").
    public var price: String?
    /// ISO 4217 code.
    public var currency: String?
    /// True when stated free ("gratuit", price 0).
    public var free: Bool?

    public init(url: String? = nil, price: String? = nil, currency: String? = nil, free: Bool? = nil) {
        self.url = url
        self.price = price
        self.currency = currency
        self.free = free
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(price, forKey: .price)
        try c.encode(currency, forKey: .currency)
        try c.encode(free, forKey: .free)
    }
}

/// [superEvent] or any other event named by title and URL.
public struct EventReference: Sendable, Hashable, Codable {
    public var title: String?
    public var url: String?

    public init(title: String? = nil, url: String? = nil) {
        self.title = title
        self.url = url
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(url, forKey: .url)
    }
}

/// The same announcement in another language.
public struct Alternate: Sendable, Hashable, Codable {
    /// BCP 47 tag, or nil when the link gives none.
    public var language: String?
    public var url: String

    public init(language: String?, url: String) {
        self.language = language
        self.url = url
    }
}

/// Which extractor found an event.
public enum FoundBy: String, Sendable, Hashable, Codable, CaseIterable {
    case jsonLD = "json-ld"
    case microdata
    case hEvent = "h-event"
    case hCalendar = "hcalendar"
    case selectors
    case prose
    case rss
    case ics

    /// Higher is more trustworthy: structured data beats feeds beats prose.
    public var rank: Int {
        switch self {
        case .jsonLD, .ics: 5
        case .microdata, .hEvent, .hCalendar: 4
        case .selectors: 3
        case .rss: 2
        case .prose: 1
        }
    }
}
