// TupuText: placeholder until the module lands.
