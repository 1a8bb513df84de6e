// Sources that are local paths: read through curl's file:// with the same limits and hashing.

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct FileSourceTests {
    @Test func aLocalFileIsReadAndHashed() async throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("agenda.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
        let fetcher = Fetcher(options: .test, environment: [:])
        let first = try await fetcher.fetch(FetchRequest(url: URL(fileURLWithPath: path)))
        let second = try await fetcher.fetch(FetchRequest(url: URL(fileURLWithPath: path), previousBodyHash: first.bodyHash))
        await fetcher.shutdown()
        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self).hasPrefix("BEGIN:VCALENDAR"))
        #expect(!first.unchanged)
        #expect(second.unchanged)
    }

    @Test func aMissingFileIsAFileError() async throws {
        let dir = TemporaryDirectory()
        let fetcher = Fetcher(options: .test, environment: [:])
        let error = try #require(await fetchError(fetcher, FetchRequest(url: URL(fileURLWithPath: dir.path + "/nope.xml"))))
        await fetcher.shutdown()
        #expect(error.kind == .file)
        #expect(error.message.contains("nope.xml"))
    }

    @Test func aLocalFileOverTheLimitIsRefused() async throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("big.xml", String(repeating: "x", count: 5000))
        var options = FetchOptions.test
        options.maxBody = 1000
        let fetcher = Fetcher(options: options, environment: [:])
        let error = try #require(await fetchError(fetcher, FetchRequest(url: URL(fileURLWithPath: path))))
        await fetcher.shutdown()
        #expect(error.kind == .tooLarge)
    }
}
