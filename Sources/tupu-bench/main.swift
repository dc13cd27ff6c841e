import Foundation

// `tupu-bench WORKLOAD ARGUMENTS…`: each workload lives in its own file and returns an exit status.
let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
let status: Int32
switch arguments.first {
case "corpus": status = CorpusBench.corpus(rest)
case "match": status = CorpusBench.match(rest)
case "segment": status = CorpusBench.segment(rest)
case "datalog": status = DatalogBench.run(rest)
case "graph": status = GraphBench.run(rest)
// Further workloads: one line each, the code in its own file.
default:
    FileHandle.standardError.write(
        Data(
            """
            usage: tupu-bench corpus --size MB -o DIR [--seeds DIR] [--seed N]
                   tupu-bench match FILE|DIR… [--names-out FILE]
                   tupu-bench segment FILE|DIR…
                   tupu-bench graph -o FILE [--entities N] [--edges N] [--seed N]

            """.utf8))
    status = 64
}
exit(status)
