// `tupu-bench datalog PROGRAM.dl [-F DIR] [--max-tuples N]`: runs a program with the Datalog engine and reports
// wall time and peak resident memory on stderr (`datalog<TAB>seconds<TAB>peak MB`).
import Datalog
import Foundation

enum DatalogBench {
    static func run(_ arguments: [String]) -> Int32 {
        var options = RunOptions()
        options.format = .tsv
        var program: String?
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "-F":
                i += 1
                if i < arguments.count { options.factsDirectory = arguments[i] }
            case "-D":
                i += 1
                if i < arguments.count { options.outputDirectory = arguments[i] }
            case "--max-tuples":
                i += 1
                if i < arguments.count, let n = Int(arguments[i]) { options.maxTuples = n }
            default: program = arguments[i]
            }
            i += 1
        }
        guard let program else {
            FileHandle.standardError.write(Data("usage: tupu-bench datalog PROGRAM.dl [-F DIR] [-D DIR] [--max-tuples N]\n".utf8))
            return 64
        }
        let start = Date()
        do {
            try Runner(options: options, output: { FileHandle.standardOutput.write(Data($0.utf8)) }).run(path: program)
        } catch let error as DatalogError {
            let source = FileManager.default.contents(atPath: program).map { String(decoding: $0, as: UTF8.self) }
            FileHandle.standardError.write(Data(error.rendered(source: source).utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
        let seconds = Date().timeIntervalSince(start)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024  // Linux reports KiB
        FileHandle.standardError.write(Data(String(format: "datalog\t%.3f\t%.1f\n", seconds, peakMB).utf8))
        return 0
    }
}
