import Testing
@testable import Datalog
@Test func smoke() throws {
    let e = Engine()
    try e.load(Program.parse("edge(1,2). edge(2,3). path(x,y) :- edge(x,y). path(x,z) :- path(x,y), edge(y,z)."))
    #expect(try e.query("?- path(1, X).").rows.count == 2)
}
