// Runs a standalone program file: the engine behind `tupu run`.
import Foundation

/// Options of a program run (`tupu run PROGRAM.dl -F DIR -D DIR --format … --max-tuples N`).
public struct RunOptions: Sendable {
    public var factsDirectory: String = "."
    /// When set, `.output rel` writes `rel.csv` there; otherwise relations are printed.
    public var outputDirectory: String?
    public var format: OutputFormat = .table
    /// No tuple or round limit by default, as in Soufflé: a program that derives 63 million
    /// tuples or needs a million rounds runs them (the REPL and `tupu query` keep their guards).
    public var maxTuples: Int = .max
    public var maxIterations: Int = .max
    public var maxAnswers: Int = 1_000_000
    public var maxSymbolBytes: Int = 1 << 30
    /// Let `.input`/`.output` name files outside the facts and output directories.
    public var allowsPathsOutside = false
    /// Print the evaluation plans (rules by stratum, then the program's queries) instead of
    /// evaluating: the facts are read, nothing is derived or written.
    public var showsPlan = false
    public init() {}
}

/// Executes a program: loads it (with `.input` facts), evaluates, then prints, in source order,
/// each `.output` relation (or writes it under the output directory), each `.printsize` line and
/// each query's answers.
public struct Runner {
    public var options: RunOptions
    /// Receives the printed text, block by block.
    public var output: (String) -> Void
    /// Receives the program's warnings once it loaded (see `Engine.warnings(for:)`), then, after
    /// the run, where integer arithmetic wrapped around (`Engine.overflowWarning`). They change
    /// nothing in the run; positions are in the files the lines came from.
    public var warn: ([Diagnostic]) -> Void = { _ in }

    public init(options: RunOptions, output: @escaping (String) -> Void) {
        self.options = options
        self.output = output
    }

    /// Runs a program file. Throws `DatalogError`; render it with `error.rendered(source:)`.
    public func run(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatalogError("cannot read \(path)", at: nil)
        }
        try run(source: Program.decode([UInt8](data), file: path), file: path)
    }

    /// Runs a program's text; `#include`, `#define` and `#ifdef` lines are expanded first, and
    /// positions in errors point into the files the lines came from.
    public func run(source: String, file: String) throws {
        guard Preprocessor.isNeeded(source) else { return try evaluate(source: source, file: file, original: { $0 }) }
        var preprocessor = Preprocessor(confinesIncludes: !options.allowsPathsOutside)
        let (text, lineMap) = try preprocessor.expand(source, file: file)
        let original = { (l: SourceLocation) in l.file == file ? lineMap.original(l) : l }
        do {
            try evaluate(source: text, file: file, original: original)
        } catch let error as DatalogError {
            throw error.mappingLocations(original)
        }
    }

    /// `original` maps a position in `source` back to where its line was written.
    private func evaluate(source: String, file: String, original: (SourceLocation) -> SourceLocation) throws {
        func report(_ warnings: [Diagnostic]) {
            guard !warnings.isEmpty else { return }
            warn(
                warnings.map { w in
                    var mapped = w
                    mapped.location = w.location.map(original)
                    for n in mapped.notes.indices { mapped.notes[n].location = w.notes[n].location.map(original) }
                    return mapped
                })
        }
        var engineOptions = Engine.Options(
            maxTuples: options.maxTuples, maxIterations: options.maxIterations,
            factsDirectory: options.factsDirectory, outputDirectory: options.outputDirectory)
        engineOptions.maxAnswers = options.maxAnswers
        engineOptions.maxSymbolBytes = options.maxSymbolBytes
        engineOptions.allowsPathsOutside = options.allowsPathsOutside
        engineOptions.integerOverflow = .wraps
        let engine = Engine(options: engineOptions)
        let parsed = try Program.parse(source, file: file)
        // Asked of the program as written: inlining drops the rules of the relations it substitutes.
        let warnings = engine.warnings(for: parsed)
        let written = parsed.inliningRelations()
        let program = written.magicSetsApplied()
        if written.magicSelection != nil {
            // Diagnostics name the program as written, not its rewriting.
            var checker = Checker(engine: engine)
            _ = try checker.check(written)
        }
        try engine.load(program)
        report(warnings)
        if options.showsPlan {
            output(try engine.planText())
            for query in program.queries { output("QUERY\n" + (try engine.planText(for: query))) }
            return
        }
        try engine.evaluate()
        let formatter = AnswerFormatter(format: options.format)
        var previous: OutputBlock?
        // JSON is one document, printed at the end; other formats print block by block.
        var blocks: [OutputBlock] = []
        defer { if !blocks.isEmpty { output(formatter.render(blocks)) } }
        func emit(_ block: OutputBlock) {
            if options.format == .json {
                blocks.append(block)
                return
            }
            output(formatter.separator(after: previous, before: block) + formatter.render(block))
            previous = block
        }
        for action in program.actions {
            switch action {
            case .output(let name, let parameters, let location):
                if let block = try engine.output(relation: name, parameters: parameters, at: location) { emit(block) }
            case .printSize(let name):
                emit(.size(name: name, count: engine.relations[name]!.count))
            case .query(let query):
                emit(.answer(try engine.answer(query)))
            }
        }
        if let wrapped = engine.overflowWarning { report([wrapped]) }
    }
}
