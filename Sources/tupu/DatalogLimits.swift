import Datalog

/// The evaluation limits `run` and `query` accept, and how they set an engine's options.
enum DatalogLimits {
    static let options = options(tuplesDefault: "20000000", iterationsDefault: "100000")

    /// The options, with the defaults of `--max-tuples` and `--max-iterations` as help shows them
    /// (`tupu run` has neither).
    static func options(tuplesDefault: String, iterationsDefault: String) -> [OptionSpec] {
        [
            .option("--max-tuples", value: "N", help: "Stop a runaway program after deriving N tuples (default: \(tuplesDefault))."),
            .option("--max-iterations", value: "N", help: "Stop after N fixpoint iterations of one stratum (default: \(iterationsDefault))."),
            .option("--max-answers", value: "N", help: "Stop a query with more than N distinct answers (default: 1000000)."),
            .option("--max-symbol-bytes", value: "N", help: "Stop when the program's strings take more than N bytes (default: 1073741824).")
        ]
    }

    static func apply(_ args: Arguments, to options: inout Engine.Options) throws {
        options.maxTuples = try args.int("--max-tuples", default: options.maxTuples, range: 1...)
        options.maxIterations = try args.int("--max-iterations", default: options.maxIterations, range: 1...)
        options.maxAnswers = try args.int("--max-answers", default: options.maxAnswers, range: 1...)
        options.maxSymbolBytes = try args.int("--max-symbol-bytes", default: options.maxSymbolBytes, range: 1...)
    }
}
