// swift-tools-version: 6.0
// Tupu (图谱): Chinese local news → typed, evidenced knowledge graph → Datalog.
// The target list reads as the data flow:
//   TupuKit → TupuText → TupuGazetteer/TupuRecognise → TupuResolve → TupuRelate → TupuGraph → (TupuQuery | TupuExport)
// Datalog is a standalone engine that knows nothing about news. TupuKit, below everything, holds the
// shared fast data structures (hash slots, scalar and word sets, byte hashing) and text measures.
import PackageDescription

let package = Package(
    name: "Tupu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tupu", targets: ["tupu"])
    ],
    targets: [
        // 0. The kit: fast tables and sets, each tested against a naive version; what a Chinese
        //    character is, display width, edit distance, the seeded generator. Knows no news.
        .target(name: "TupuKit"),
        // 1. Text in: files, folders, stdin, JSON Lines; encodings; articles and sentences.
        .target(name: "TupuText", dependencies: ["TupuKit"]),
        // 2. Gazetteers (Zhejiang divisions, brands) and the scalar-level multi-pattern matcher.
        .target(name: "TupuGazetteer", dependencies: ["TupuKit", "TupuText"], resources: [.copy("Resources")]),
        // 3. Recognise: ordered stages that find place, org, programme and person mentions.
        .target(name: "TupuRecognise", dependencies: ["TupuKit", "TupuText", "TupuGazetteer"]),
        // 4. Resolve: mentions → entities (ambiguous places, short forms, back-references).
        .target(name: "TupuResolve", dependencies: ["TupuKit", "TupuText", "TupuGazetteer", "TupuRecognise"]),
        // 5. Relate: sentence patterns → typed edges with evidence; the per-document pipeline.
        .target(
            name: "TupuRelate", dependencies: ["TupuKit", "TupuText", "TupuGazetteer", "TupuRecognise", "TupuResolve", "TupuGraph"],
            resources: [.copy("Resources")]),
        // 6. The graph: entities, edges, evidence, merge, the JSON Lines graph file (read a line at
        //    a time with TupuText's bounded line reader). Knows no Chinese.
        .target(name: "TupuGraph", dependencies: ["TupuKit", "TupuText"]),
        // 7. A semi-naive Datalog engine (Soufflé surface syntax). Knows nothing about news.
        .target(name: "Datalog", dependencies: ["TupuKit"]),
        // 8. The graph as Datalog relations, the prelude, explanations.
        .target(name: "TupuQuery", dependencies: ["TupuKit", "TupuGraph", "Datalog"]),
        // 9. Exports: DOT, CSV bundle, N-Triples, Neo4j, Soufflé facts, JSON Lines.
        .target(name: "TupuExport", dependencies: ["TupuKit", "TupuGraph", "TupuQuery", "Datalog"]),
        // The command line only wires and formats.
        .executableTarget(
            name: "tupu",
            dependencies: [
                "TupuKit", "TupuText", "TupuGazetteer", "TupuRecognise", "TupuResolve", "TupuRelate",
                "TupuGraph", "Datalog", "TupuQuery", "TupuExport"
            ]),
        // Benchmarks (release build): corpus and graph generators, matcher and Datalog workloads.
        .executableTarget(name: "tupu-bench", dependencies: ["TupuKit", "TupuText", "TupuGazetteer", "TupuGraph", "Datalog"]),

        .testTarget(name: "TupuKitTests", dependencies: ["TupuKit"]),
        .testTarget(name: "TupuTextTests", dependencies: ["TupuText"]),
        .testTarget(name: "TupuGazetteerTests", dependencies: ["TupuGazetteer", "TupuText"]),
        .testTarget(name: "TupuRecogniseTests", dependencies: ["TupuKit", "TupuRecognise", "TupuGazetteer", "TupuText"]),
        .testTarget(name: "TupuResolveTests", dependencies: ["TupuResolve", "TupuRecognise", "TupuGazetteer", "TupuText"]),
        .testTarget(
            name: "TupuRelateTests", dependencies: ["TupuKit", "TupuRelate", "TupuGraph", "TupuText", "TupuGazetteer"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "TupuGraphTests", dependencies: ["TupuKit", "TupuGraph", "TupuText"]),
        .testTarget(name: "DatalogTests", dependencies: ["TupuKit", "Datalog"]),
        .testTarget(name: "TupuQueryTests", dependencies: ["TupuQuery", "TupuGraph", "Datalog"]),
        .testTarget(name: "TupuExportTests", dependencies: ["TupuKit", "TupuExport", "TupuGraph"]),
        .testTarget(name: "tupuTests", dependencies: ["TupuKit", "tupu"])
    ]
)
