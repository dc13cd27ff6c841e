// TupuQuery: placeholder until the module lands.
