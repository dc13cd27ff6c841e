import Foundation
import TupuGazetteer
import TupuKit
import TupuText

/// The corpus generator and the matcher / segmenter throughput benchmark.
enum CorpusBench {
    // MARK: corpus

    /// Writes seed-sized files (one variant of one seed each) into a folder until the total size is
    /// reached. Each variant swaps every county, town and village name found in the seed for a
    /// name of the same level drawn from the gazetteer, with a fixed random seed.
    static func corpus(_ arguments: [String]) -> Int32 {
        var options = Options(arguments)
        let megabytes = Double(options.value("--size") ?? "30") ?? 30
        let seedsFolder = options.value("--seeds") ?? "/work/shared/seeds"
        let randomSeed = UInt64(options.value("--seed") ?? "20240601") ?? 20_240_601
        guard let output = options.value("-o") else { return usage("corpus: -o DIR is required") }
        guard options.rest.isEmpty else { return usage("corpus: unexpected \(options.rest.joined(separator: " "))") }

        let (files, problems) = DocumentReader.inputs(for: [seedsFolder])
        problems.forEach { warn($0.description) }
        let seeds = files.flatMap { DocumentReader.read($0).documents }
        guard !seeds.isEmpty else { return failure("corpus: no seed texts in \(seedsFolder)") }
        let gazetteer: PlaceGazetteer
        do { gazetteer = try PlaceGazetteer.bundled() } catch { return failure("corpus: \(error)") }

        // Full names of the levels we swap, grouped by level.
        var namesByLevel: [PlaceLevel: [String]] = [:]
        var patterns: [String] = []
        var levelOfPattern: [PlaceLevel] = []
        var seen = Set<String>()
        for name in gazetteer.allNames where name.form == .full {
            guard let place = gazetteer.place(code: name.code),
                [.county, .township, .village].contains(place.level), !place.isSpecialUnit, !place.isOutsideZhejiang,
                seen.insert(name.name).inserted
            else { continue }
            namesByLevel[place.level, default: []].append(name.name)
            patterns.append(name.name)
            levelOfPattern.append(place.level)
        }
        let matcher = ScalarMatcher(patterns: patterns)

        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            return failure("corpus: cannot create \(output): \(error.localizedDescription)")
        }
        var random = SplitMix64(seed: randomSeed)
        let target = Int(megabytes * 1_000_000)
        var written = 0
        var fileCount = 0
        while written < target {
            for seed in seeds where written < target {
                let scalars = Array(seed.text.unicodeScalars)
                let spans = leftmostLongest(matcher.matches(in: scalars))
                var text = String.UnicodeScalarView()
                var copied = 0
                for span in spans {
                    text.append(contentsOf: scalars[copied..<span.start])
                    let pool = namesByLevel[levelOfPattern[span.pattern]]!
                    text.append(contentsOf: pool[Int(random.next() % UInt64(pool.count))].unicodeScalars)
                    copied = span.end
                }
                text.append(contentsOf: scalars[copied...])
                let data = Data(String(text).utf8)
                fileCount += 1
                let path = (output as NSString).appendingPathComponent(String(format: "%05d_%@.txt", fileCount, seed.id))
                guard FileManager.default.createFile(atPath: path, contents: data) else {
                    return failure("corpus: cannot write \(path)")
                }
                written += data.count
            }
        }
        print("corpus: \(fileCount) files, \(format(Double(written) / 1_000_000)) MB in \(output)")
        return 0
    }

    /// Non-overlapping matches, preferring the earliest start, then the longest.
    static func leftmostLongest(_ matches: [ScalarMatcher.Match]) -> [ScalarMatcher.Match] {
        let ordered = matches.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var result: [ScalarMatcher.Match] = []
        var reached = 0
        for match in ordered where match.start >= reached {
            result.append(match)
            reached = match.end
        }
        return result
    }

    // MARK: match

    /// Loads the gazetteer, builds the matcher over every name, and times (CPU) segmentation and
    /// matching over the given files.
    static func match(_ arguments: [String]) -> Int32 {
        var options = Options(arguments)
        let namesOut = options.value("--names-out")
        guard !options.rest.isEmpty else { return usage("match: FILE or DIR required") }

        var clock = CPUClock()
        let gazetteer: PlaceGazetteer
        do { gazetteer = try PlaceGazetteer.bundled() } catch { return failure("match: \(error)") }
        let loadSeconds = clock.lap()
        let names = Array(Set(gazetteer.allNames.map(\.name))).sorted()
        _ = clock.lap()
        let matcher = ScalarMatcher(patterns: names)
        let buildSeconds = clock.lap()
        if let namesOut {
            _ = FileManager.default.createFile(atPath: namesOut, contents: Data((names.joined(separator: "\n") + "\n").utf8))
        }

        let (files, problems) = DocumentReader.inputs(for: options.rest)
        problems.forEach { warn($0.description) }
        var texts: [[Unicode.Scalar]] = []
        var rawTexts: [String] = []
        var bytes = 0
        for file in files {
            for document in DocumentReader.read(file).documents {
                bytes += document.text.utf8.count
                rawTexts.append(document.text)
                texts.append(Array(document.text.unicodeScalars))
            }
        }
        _ = clock.lap()
        var matchCount = 0
        for text in texts {
            text.withUnsafeBufferPointer { buffer in matcher.forEachMatch(in: buffer) { _ in matchCount += 1 } }
        }
        let matchSeconds = clock.lap()
        var sentenceCount = 0
        for text in rawTexts { sentenceCount += Segmenter.segment(text).sentences.count }
        let segmentSeconds = clock.lap()

        let megabytes = Double(bytes) / 1_000_000
        print(
            "gazetteer: \(gazetteer.places.count) places, \(gazetteer.allNames.count) names (\(names.count) distinct), loaded in \(format(loadSeconds * 1000)) ms"
        )
        print("matcher: built in \(format(buildSeconds * 1000)) ms")
        print("input: \(texts.count) documents, \(format(megabytes)) MB UTF-8")
        print("match: \(matchCount) matches in \(format(matchSeconds)) s CPU = \(format(megabytes / matchSeconds)) MB/s")
        print("segment: \(sentenceCount) sentences in \(format(segmentSeconds)) s CPU = \(format(megabytes / segmentSeconds)) MB/s")
        return 0
    }

    // MARK: segment

    /// Prints how files are segmented: one line per sentence with article, paragraph and kind,
    /// and `+` where the layout broke a paragraph that the view joins again.
    static func segment(_ arguments: [String]) -> Int32 {
        let (files, problems) = DocumentReader.inputs(for: arguments)
        problems.forEach { warn($0.description) }
        for file in files {
            for document in DocumentReader.read(file).documents {
                let segmented = Segmenter.segment(document.text)
                print("== \(document.id): \(segmented.articles.count) articles, \(segmented.sentences.count) sentences")
                for sentence in segmented.sentences {
                    let original = segmented.originalRange(sentence.range)
                    let joined = original.count > sentence.range.count ? "+" : " "
                    print("\(sentence.article)\t\(sentence.paragraph)\t\(sentence.kind)\t\(joined)\(segmented.sentenceText(sentence))")
                }
            }
        }
        return 0
    }

    // MARK: helpers

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("tupu-bench: \(message)\n".utf8))
    }

    static func usage(_ message: String) -> Int32 {
        warn(message)
        return 64
    }

    static func failure(_ message: String) -> Int32 {
        warn(message)
        return 1
    }
}

/// `--name value` options and the remaining arguments.
struct Options {
    var rest: [String]

    init(_ arguments: [String]) { rest = arguments }

    mutating func value(_ name: String) -> String? {
        guard let index = rest.firstIndex(of: name), index + 1 < rest.count else { return nil }
        let value = rest[index + 1]
        rest.removeSubrange(index...(index + 1))
        return value
    }
}

/// Process CPU time between laps.
struct CPUClock {
    private var last = CPUClock.now()

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    mutating func lap() -> Double {
        let current = CPUClock.now()
        defer { last = current }
        return current - last
    }
}
