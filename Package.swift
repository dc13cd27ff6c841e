// swift-tools-version: 6.0
// Tupu (图谱): Chinese local news → typed, evidenced knowledge graph → Datalog.
// The target list reads as the data flow:
//   TupuText → TupuGazetteer/TupuRecognise → TupuResolve → TupuRelate → TupuGraph → (TupuQuery | TupuExport)
// Datalog is a standalone engine that knows nothing about news.
import PackageDescription

let package = Package(
    name: "Tupu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tupu", targets: ["tupu"])
    ],
    targets: [
        // 1. Text in: files, folders, stdin, JSON Lines; encodings; articles and sentences.
        .target(name: "TupuText"),
        // 2. Gazetteers (Zhejiang divisions, brands) and the scalar-level multi-pattern matcher.
        .target(name: "TupuGazetteer", dependencies: ["TupuText"], resources: [.copy("Resources")]),
        // 3. Recognise: ordered stages that find place, org, programme and person mentions.
        .target(name: "TupuRecognise", dependencies: ["TupuText", "TupuGazetteer"]),
        // 4. Resolve: mentions → entities (ambiguous places, short forms, back-references).
        .target(name: "TupuResolve", dependencies: ["TupuText", "TupuGazetteer", "TupuRecognise"]),
        // 5. Relate: sentence patterns → typed edges with evidence; the per-document pipeline.
        .target(
            name: "TupuRelate", dependencies: ["TupuText", "TupuGazetteer", "TupuRecognise", "TupuResolve", "TupuGraph"],
            resources: [.copy("Resources")]),
        // 6. The graph: entities, edges, evidence, merge, the JSON Lines graph file (read a line at
        //    a time with TupuText's bounded line reader). Knows no Chinese.
        .target(name: "TupuGraph", dependencies: ["TupuText"]),
        // 7. A semi-naive Datalog engine (Soufflé surface syntax). Knows nothing about news.
        .target(name: "Datalog"),
        // 8. The graph as Datalog relations, the prelude, explanations.
        .target(name: "TupuQuery", dependencies: ["TupuGraph", "Datalog"]),
        // 9. Exports: DOT, CSV bundle, N-Triples, Neo4j, Soufflé facts, JSON Lines.
        .target(name: "TupuExport", dependencies: ["TupuGraph", "TupuQuery", "Datalog"]),
        // The command line only wires and formats.
        .executableTarget(
            name: "tupu",
            dependencies: [
                "TupuText", "TupuGazetteer", "TupuRecognise", "TupuResolve", "TupuRelate",
                "TupuGraph", "Datalog", "TupuQuery", "TupuExport"
            ]),
        // Benchmarks (release build): corpus and graph generators, matcher and Datalog workloads.
        .executableTarget(name: "tupu-bench", dependencies: ["TupuText", "TupuGazetteer", "TupuGraph", "Datalog"]),

        .testTarget(name: "TupuTextTests", dependencies: ["TupuText"]),
        .testTarget(name: "TupuGazetteerTests", dependencies: ["TupuGazetteer", "TupuText"]),
        .testTarget(name: "TupuRecogniseTests", dependencies: ["TupuRecognise", "TupuGazetteer", "TupuText"]),
        .testTarget(name: "TupuResolveTests", dependencies: ["TupuResolve", "TupuRecognise", "TupuGazetteer", "TupuText"]),
        .testTarget(
            name: "TupuRelateTests", dependencies: ["TupuRelate", "TupuGraph", "TupuText", "TupuGazetteer"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "TupuGraphTests", dependencies: ["TupuGraph", "TupuText"]),
        .testTarget(name: "DatalogTests", dependencies: ["Datalog"]),
        .testTarget(name: "TupuQueryTests", dependencies: ["TupuQuery", "TupuGraph", "Datalog"]),
        .testTarget(name: "TupuExportTests", dependencies: ["TupuExport", "TupuGraph"]),
        .testTarget(name: "tupuTests", dependencies: ["tupu"])
    ]
)
