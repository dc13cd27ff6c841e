import Foundation

enum Tupu {
    static let version = "0.1.0"
    /// Every subcommand, in the order `tupu --help` lists them. Add yours on its own line.
    static var commands: [Command.Type] {
        [
            BuildCommand.self,
            MergeCommand.self,
            StatsCommand.self,
            ExportCommand.self,
            QueryCommand.self,
            ReplCommand.self,
            ExplainCommand.self,
            RunCommand.self,
            MentionsCommand.self,
            GazetteerCommand.self
        ]
    }
}

exit(CLI.main(CommandLine.arguments, commands: Tupu.commands, version: Tupu.version))
