// TupuResolve: placeholder until the module lands.
