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
        // The daemon and the HTTP server (docs/OPERATIONS.md).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The PostgreSQL store; swift-nio-ssl is named for the TLS types postgres-nio's API takes.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C bridges: the only places that see curl.h and libxml/*.h.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // SHA-256 from libcrypto (OpenSSL), which this libcurl loads anyway: see CCrypto.h.
        .target(name: "CCrypto", linkerSettings: [.linkedLibrary("crypto")]),
        // jemalloc in front of glibc's malloc, with its options; linked into the executables
        // that ship (labfeed) and the one that times its parsers (report-bench), not the tests.
        .target(name: "CAllocator", linkerSettings: [.linkedLibrary("jemalloc")]),
        // mallopt and the like, which Swift's Glibc module does not expose.
        .target(name: "CLabfeedSystem"),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // The one Swift user of libxml2. No Foundation here (ICU clash, see ARCHITECTURE).
        .target(name: "LabfeedMarkup", dependencies: ["CLibXML2"], swiftSettings: strict),
        // SHA-256 for body hashes (Fetch), content hashes and ids (Programme): libcrypto through
        // CCrypto, with a portable Swift fallback. No Foundation.
        .target(name: "LabfeedHash", dependencies: ["CCrypto"], swiftSettings: strict),
        // The one Swift user of libcurl.
        .target(name: "LabfeedFetch", dependencies: ["CCurl", "LabfeedHash"], swiftSettings: strict),
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
            dependencies: ["LabfeedCore", "LabfeedHash", .product(name: "GRDB", package: "GRDB.swift"),
                           // GRDB's own SQLite module: the store binds its rows' JSON bytes as text
                           // (SQLiteStore+JSONText.swift).
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // The PostgreSQL store (PostgresNIO) and the store factory: a module of its own so NIO stays
        // out of LabfeedProgramme, LabfeedService and their tests (docs/WORKERS.md).
        .target(
            name: "LabfeedPostgres",
            dependencies: [
                "LabfeedCore", "LabfeedProgramme",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // The sync pipeline, the schedule, the daemon (scheduler, reload, shutdown, lock, sd_notify, logs).
        .target(
            name: "LabfeedService",
            dependencies: [
                "CLabfeedSystem", "LabfeedCore", "LabfeedFetch", "LabfeedProgramme",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The HTTP server (Hummingbird): the programme files, /api/events, /healthz, /metrics,
        // static files. Its own module so that NIO stays out of the layers below.
        .target(
            name: "LabfeedServer",
            dependencies: [
                "LabfeedCore", "LabfeedProgramme", "LabfeedService", "LabfeedHash",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The command-line tool: wiring only.
        .executableTarget(
            name: "labfeed",
            dependencies: [
                "LabfeedCore", "LabfeedMarkup", "LabfeedFetch", "LabfeedParse", "LabfeedProgramme", "LabfeedService",
                "LabfeedServer", "LabfeedPostgres", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
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

        // Prose extraction on whole pages, pages/s and MB/s (`swift run -c release prose-benchmark`);
        // `prose-benchmark explain FILE` prints how a page or text file was read.
        .executableTarget(
            name: "prose-benchmark", dependencies: ["LabfeedCore", "LabfeedParse"], path: "Benchmarks/prose",
            swiftSettings: strict
        ),
        // The writers on a sync's saved programme (`swift run -c release render-benchmark FEEDS.YML`).
        .executableTarget(
            name: "render-benchmark", dependencies: ["LabfeedCore", "LabfeedProgramme"], path: "Benchmarks/render",
            swiftSettings: strict
        ),
        // The benchmark report's static server and parse timer (`make bench`); not a test.
        .executableTarget(
            name: "report-bench", dependencies: ["LabfeedCore", "LabfeedParse", "LabfeedTestSupport", "CAllocator"],
            path: "Benchmarks/report/Tool", swiftSettings: strict
        ),
        // libFuzzer targets, built only by Fuzz/run.sh (`make fuzz`, -sanitize=fuzzer); a plain
        // build makes executables that do nothing.
        .target(name: "FuzzDriver", path: "Fuzz/Driver", swiftSettings: strict),
        .executableTarget(name: "FuzzFeed", dependencies: ["FuzzDriver", "LabfeedCore", "LabfeedParse"], path: "Fuzz/Feed", swiftSettings: strict),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzDriver", "LabfeedCore", "LabfeedParse"], path: "Fuzz/HTML", swiftSettings: strict),
        .executableTarget(name: "FuzzDates", dependencies: ["FuzzDriver", "LabfeedCore", "LabfeedDates"], path: "Fuzz/Dates", swiftSettings: strict),
        .executableTarget(name: "FuzzConfig", dependencies: ["FuzzDriver", "LabfeedCore"], path: "Fuzz/Config", swiftSettings: strict),

        // Fixtures, loopback servers and other test doubles shared by the test targets.
        .target(name: "LabfeedTestSupport", dependencies: ["LabfeedCore", "LabfeedFetch"], swiftSettings: strict),
        // For the tests: runs labfeed and writes its own peak memory (ChildProcess's `measuringPeak`).
        .executableTarget(name: "child-peak", path: "Tests/Tools/child-peak"),

        .testTarget(name: "LabfeedMarkupTests", dependencies: ["LabfeedMarkup", "LabfeedTestSupport"], swiftSettings: strict),
        .testTarget(name: "LabfeedHashTests", dependencies: ["LabfeedHash"], swiftSettings: strict),
        .testTarget(name: "LabfeedDatesTests", dependencies: ["LabfeedDates", "LabfeedTestSupport"], swiftSettings: strict),
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
            dependencies: ["LabfeedFetch", "LabfeedHash", "LabfeedTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LabfeedProgrammeTests",
            dependencies: ["LabfeedProgramme", "LabfeedHash", "LabfeedTestSupport"],
            swiftSettings: strict
        ),
        // The scheduler (injected clock), reload, shutdown, lock, sd_notify, logs, the HTTP routes.
        .testTarget(
            name: "LabfeedServiceTests",
            dependencies: [
                "LabfeedService", "LabfeedServer", "LabfeedFetch", "LabfeedProgramme", "LabfeedHash", "LabfeedTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The store suite, run against every store (memory, SQLite, and PostgreSQL when
        // LABFEED_TEST_POSTGRES_URL names a server: `make test` starts one).
        .testTarget(
            name: "LabfeedStoreTests",
            dependencies: [
                "LabfeedProgramme", "LabfeedPostgres", "LabfeedTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
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
