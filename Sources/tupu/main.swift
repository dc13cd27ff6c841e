import Foundation

enum Tupu {
    static let version = "0.1.0"
    static let commands: [Command.Type] = []
}

print("tupu: under construction")
