// Datalog: placeholder until the module lands.
