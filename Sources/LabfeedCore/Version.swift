// The version labfeed reports (in --version and in its User-Agent).

public enum LabfeedVersion {
    public static let current = "0.1.0"

    /// `labfeed/0.1.0 (+https://example.org/contact)`: the User-Agent sent to sites.
    public static func userAgent(product: String? = nil, contact: String?) -> String {
        let base = product ?? "labfeed/\(current)"
        guard let contact else { return base }
        return "\(base) (+\(contact))"
    }
}
