// Located configuration errors: every problem names file:line:column and the key.

/// One thing wrong in a config file.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where it is.
    public var position: ConfigPosition
    /// The key path: `sources[2].interval`, `settings.timeout`, or "" for the whole file.
    public var key: String
    public var message: String
    /// The nearest valid key for a typo, if any.
    public var suggestion: String?
    /// The offending line with a caret under the column (Yams-style), when the text is known.
    public var snippet: String?

    public init(position: ConfigPosition, key: String, message: String, suggestion: String? = nil, snippet: String? = nil) {
        self.position = position
        self.key = key
        self.message = message
        self.suggestion = suggestion
        self.snippet = snippet
    }

    /// `feeds.yml:12:5: sources[1].intervall: unknown key (did you mean 'interval'?)`
    public var description: String {
        var s = "\(position): "
        if !key.isEmpty { s += "\(key): " }
        s += message
        if let suggestion { s += " (did you mean '\(suggestion)'?)" }
        return s
    }

    /// ``description`` followed by the snippet, for people.
    public var detailed: String {
        guard let snippet else { return description }
        return description + "\n" + snippet
    }
}

/// A config that could not be used, with every problem found (not just the first).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.detailed).joined(separator: "\n")
    }
}

/// The nearest word to `word` among `candidates`, if it is close enough to be a typo.
public func nearestKey(to word: String, in candidates: [String]) -> String? {
    let w = word.lowercased()
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(w, c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    let limit = max(1, min(3, candidate.count / 3))
    return distance <= limit ? candidate : nil
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[x.count][y.count]
}
