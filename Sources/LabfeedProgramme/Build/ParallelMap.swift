// Maps indices to values on every core, for the build's independent per-item work (decoding
// stored rows, normalising events, hashing merged content). Contract: the result is the same
// array, in the same order, as `(0..<count).map(transform)`; `transform` must be safe to call
// from several threads at once (pure, or with its own state per call).

import Dispatch
import Foundation

/// A blocking, order-keeping parallel map over `0..<count`.
///
/// The indices are cut into one contiguous range per core (`DispatchQueue.concurrentPerform`,
/// the calling thread taking part), and each value is written straight into its slot of the
/// result: no intermediate array of optionals, so the memory is the result's alone. Below
/// `minimumPerThread` indices per thread the work stays on the calling thread (a thread hand-off
/// costs more than mapping a few items). A sync's build runs on one thread otherwise, while the
/// machine has two or more cores (Benchmarks/report/README.md, issue #9).
enum ParallelMap {
    /// The active cores.
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// At most this many threads for the maps started inside `$threadLimit.withValue(n) { … }`
    /// (nil: every core). Tests build one programme with 1 and with several threads and
    /// compare; the build reads ``width`` on its calling thread, where the task's value is seen.
    @TaskLocal static var threadLimit: Int?

    /// The number of threads a map uses: the active cores, or fewer under ``threadLimit``.
    static var width: Int { threadLimit.map { max(1, $0) } ?? cores }

    /// `(0..<count).map(transform)`, the ranges mapped on up to ``width`` threads. When some
    /// calls throw, the values made are destroyed and the error of the lowest range is thrown.
    static func map<R, E: Error>(_ count: Int, minimumPerThread: Int = 16, threads: Int = width,
                                 _ transform: @Sendable (Int) throws(E) -> R) throws(E) -> [R] {
        let chunks = min(max(1, threads), count / max(1, minimumPerThread))
        if chunks <= 1 {
            var out: [R] = []
            out.reserveCapacity(count)
            for i in 0..<count { out.append(try transform(i)) }
            return out
        }
        @Sendable func bounds(_ chunk: Int) -> Range<Int> { (count * chunk / chunks)..<(count * (chunk + 1) / chunks) }
        var failures = [E?](repeating: nil, count: chunks)
        var reached = [Int](repeating: 0, count: chunks)
        let result = withoutActuallyEscaping(transform) { transform in
            [R](unsafeUninitializedCapacity: count) { buffer, initialized in
                let base = buffer.baseAddress!
                failures.withUnsafeMutableBufferPointer { failures in
                    reached.withUnsafeMutableBufferPointer { reached in
                        let slots = Slots(base: base, failures: failures, reached: reached)
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let range = bounds(chunk)
                            var i = range.lowerBound
                            do throws(E) {
                                while i < range.upperBound {
                                    (slots.base + i).initialize(to: try transform(i))
                                    i += 1
                                }
                            } catch {
                                slots.failures[chunk] = error
                            }
                            slots.reached[chunk] = i
                        }
                    }
                }
                if failures.allSatisfy({ $0 == nil }) {
                    initialized = count
                } else {
                    for chunk in 0..<chunks {
                        let start = bounds(chunk).lowerBound
                        (base + start).deinitialize(count: reached[chunk] - start)
                    }
                    initialized = 0
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return result
    }

    /// Changes every element of `array` in place, the ranges on up to ``width`` threads;
    /// `body` gets each index with its element.
    static func update<T>(_ array: inout [T], minimumPerThread: Int = 16, threads: Int = width, _ body: @Sendable (Int, inout T) -> Void) {
        let count = array.count
        let chunks = min(max(1, threads), count / max(1, minimumPerThread))
        array.withUnsafeMutableBufferPointer { buffer in
            if chunks <= 1 {
                for i in buffer.indices { body(i, &buffer[i]) }
                return
            }
            let elements = Elements(buffer: buffer)
            withoutActuallyEscaping(body) { body in
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for i in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) { body(i, &elements.buffer[i]) }
                }
            }
        }
    }

    /// `(0..<array.count).map { transform($0, array[$0]) }` on up to ``width`` threads, each
    /// element moved out of `array` (not copied: no retain of its storage, and its release, if
    /// `transform` drops it, on the thread that ran it) and `placeholder` left in its place.
    /// `placeholder` should hold no storage of its own (empty strings and arrays, nils), so
    /// that leaving and freeing its copies costs next to nothing.
    static func take<T: Sendable, R>(_ array: inout [T], placeholder: T, minimumPerThread: Int = 16,
                                     _ transform: @Sendable (Int, consuming T) -> R) -> [R] {
        array.withUnsafeMutableBufferPointer { buffer in
            let elements = Elements(buffer: buffer)
            return map(buffer.count, minimumPerThread: minimumPerThread) { i in
                transform(i, Swift.exchange(&elements.buffer[i], with: placeholder))
            }
        }
    }

    /// Frees the elements of `array` on up to ``width`` threads (each replaced by `placeholder`,
    /// see ``take(_:placeholder:minimumPerThread:_:)``), then empties it: freeing a build's
    /// items or clusters is freeing every string they hold, which on one thread was a serial
    /// part of the build.
    static func release<T: Sendable>(_ array: inout [T], placeholder: T, minimumPerThread: Int = 64) {
        update(&array, minimumPerThread: minimumPerThread) { _, element in element = placeholder }
        array = []
    }

    /// The arrays' elements end to end, in order, moved (not copied) on up to ``width`` threads,
    /// each thread a run of whole arrays (cut by their elements, not their number); every array
    /// of `lists` is left empty, its placeholders freed on the thread that moved it.
    static func concatenate<T: Sendable>(_ lists: inout [[T]], placeholder: T, minimumPerThread: Int = 64) -> [T] {
        let offsets: [Int] = {
            var offsets = [Int](repeating: 0, count: lists.count + 1)
            for l in lists.indices { offsets[l + 1] = offsets[l] + lists[l].count }
            return offsets
        }()
        let total = offsets[lists.count]
        let chunks = max(1, min(width, total / max(1, minimumPerThread)))
        return lists.withUnsafeMutableBufferPointer { outer in
            let source = Elements(buffer: outer)
            return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
                let target = Elements(buffer: buffer)
                /// The lists whose first element falls in the chunk's share of the elements.
                @Sendable func run(_ chunk: Int) {
                    let low = total * chunk / chunks, high = total * (chunk + 1) / chunks
                    // The first list starting at or after `low`, up to the first starting at or after `high`
                    // (empty lists anywhere: moved by whichever chunk meets them, moving nothing).
                    var l = lowerBound(offsets, low)
                    let end = chunk == chunks - 1 ? source.buffer.count : lowerBound(offsets, high)
                    while l < end {
                        let base = offsets[l]
                        source.buffer[l].withUnsafeMutableBufferPointer { list in
                            for j in list.indices {
                                (target.buffer.baseAddress! + base + j).initialize(to: Swift.exchange(&list[j], with: placeholder))
                            }
                        }
                        source.buffer[l] = []
                        l += 1
                    }
                }
                if chunks == 1 {
                    run(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: chunks, execute: run)
                }
                initialized = total
            }
        }
    }

    /// The first index of `offsets` (sorted, one per list and the total last) whose value is at
    /// least `value`, as a list index (at most the number of lists).
    private static func lowerBound(_ offsets: [Int], _ value: Int) -> Int {
        var low = 0, high = offsets.count - 1
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// An array's elements, read by several threads at once (none changes them meanwhile).
    struct Shared<T>: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<T>
    }

    /// An array's elements, shared by threads that each change their own range only.
    struct Elements<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
    }

    /// The shared slots the threads write, each thread its own indices only.
    private struct Slots<R, E: Error>: @unchecked Sendable {
        let base: UnsafeMutablePointer<R>
        let failures: UnsafeMutableBufferPointer<E?>
        let reached: UnsafeMutableBufferPointer<Int>
    }
}
