// swift-tools-version:6.1
// labfeed: one programme of public-innovation events from the labs' scattered sites.
// Module map (bottom up) and why: docs/ARCHITECTURE.md.
import PackageDescription

/// Strictness for every Swift target (swift-log's manifest does the same).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "labfeed",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "labfeed", targets: ["labfeed"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C bridges: the only places that see curl.h and libxml/*.h.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // The one Swift user of libxml2. No Foundation here (ICU clash, see ARCHITECTURE).
        .target(name: "LabfeedMarkup", dependencies: ["CLibXML2"], swiftSettings: strict),
        // The one Swift user of libcurl.
        .target(name: "LabfeedFetch", dependencies: ["CCurl"], swiftSettings: strict),
        // Event model, configuration, durations. No C.
        .target(
            name: "LabfeedCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // French and English dates in text. No HTML, no C.
        .target(name: "LabfeedDates", dependencies: ["LabfeedCore"], swiftSettings: strict),
        // Formats (feeds, calendars, HTML structured data, prose) into entries and events.
        .target(
            name: "LabfeedParse",
            dependencies: ["LabfeedCore", "LabfeedMarkup", "LabfeedDates"],
            swiftSettings: strict
        ),
        // The programme: state (SQLite through GRDB), dedup, merge, lifecycle, output writers.
        .target(
            name: "LabfeedProgramme",
            dependencies: ["LabfeedCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // The sync pipeline, the schedule (and, next, the daemon and the HTTP server).
        .target(
            name: "LabfeedService",
            dependencies: ["LabfeedCore", "LabfeedFetch", "LabfeedProgramme"],
            swiftSettings: strict
        ),
        // The command-line tool: wiring only.
        .executableTarget(
            name: "labfeed",
            dependencies: [
                "LabfeedCore", "LabfeedMarkup", "LabfeedFetch", "LabfeedParse", "LabfeedProgramme", "LabfeedService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Not a test: 1,000 loopback fetches beside curl --parallel (Benchmarks/fetch/run.sh).
        .executableTarget(
            name: "FetchBenchmark",
            dependencies: ["LabfeedFetch", "LabfeedTestSupport"],
            path: "Benchmarks/fetch",
            exclude: ["run.sh", "README.md"],
            swiftSettings: strict
        ),
        // Benchmark (not a test): `swift run -c release DedupBenchmark`.
        .executableTarget(
            name: "DedupBenchmark",
            dependencies: ["LabfeedCore", "LabfeedProgramme"],
            path: "Benchmarks/dedup",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Memory benchmark of the feed parser (Benchmarks/parse/run.sh); not a test.
        .executableTarget(
            name: "ParseBenchmark",
            dependencies: ["LabfeedCore", "LabfeedParse"],
            path: "Benchmarks/parse/Sources",
            swiftSettings: strict
        ),
        // The date engine alone, expressions per second (`swift run -c release dates-benchmark`).
        .executableTarget(
            name: "dates-benchmark", dependencies: ["LabfeedCore", "LabfeedDates"], path: "Benchmarks/dates",
            swiftSettings: strict
        ),

        // The benchmark report's static server and parse timer (`make bench`); not a test.
        .executableTarget(
            name: "report-bench", dependencies: ["LabfeedCore", "LabfeedParse", "LabfeedTestSupport"],
            path: "Benchmarks/report/Tool", swiftSettings: strict
        ),
        // libFuzzer targets, built only by Fuzz/run.sh (`make fuzz`, -sanitize=fuzzer); a plain
        // build makes executables that do nothing.
        .executableTarget(name: "FuzzFeed", dependencies: ["LabfeedCore", "LabfeedParse"], path: "Fuzz/Feed", swiftSettings: strict),
        .executableTarget(name: "FuzzHTML", dependencies: ["LabfeedCore", "LabfeedParse"], path: "Fuzz/HTML", swiftSettings: strict),
        .executableTarget(name: "FuzzDates", dependencies: ["LabfeedCore", "LabfeedDates"], path: "Fuzz/Dates", swiftSettings: strict),
        .executableTarget(name: "FuzzConfig", dependencies: ["LabfeedCore"], path: "Fuzz/Config", swiftSettings: strict),

        // Fixtures, loopback servers and other test doubles shared by the test targets.
        .target(name: "LabfeedTestSupport", dependencies: ["LabfeedCore"], swiftSettings: strict),

        .testTarget(name: "LabfeedMarkupTests", dependencies: ["LabfeedMarkup"], swiftSettings: strict),
        .testTarget(name: "LabfeedDatesTests", dependencies: ["LabfeedDates"], swiftSettings: strict),
        .testTarget(
            name: "LabfeedParseTests",
            dependencies: ["LabfeedParse", "LabfeedTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LabfeedCoreTests",
            dependencies: ["LabfeedCore", "LabfeedTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        // Extraction throughput on large pages (not a test): swift run -c release html-bench
        .executableTarget(name: "html-bench", dependencies: ["LabfeedMarkup", "LabfeedParse"], path: "Benchmarks/html", exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "LabfeedFetchTests",
            dependencies: ["LabfeedFetch", "LabfeedTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LabfeedProgrammeTests",
            dependencies: ["LabfeedProgramme", "LabfeedTestSupport"],
            swiftSettings: strict
        ),
        // Runs the built executable, as a user would.
        .testTarget(name: "labfeedTests", dependencies: ["LabfeedTestSupport"], swiftSettings: strict),
        // The built executable against hostile loopback servers, and killed mid-sync (`make test-hostile`).
        .testTarget(
            name: "LabfeedHostileTests",
            dependencies: [
                "LabfeedTestSupport", "LabfeedCore", "LabfeedFetch", "LabfeedParse", "LabfeedProgramme", "LabfeedService",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
