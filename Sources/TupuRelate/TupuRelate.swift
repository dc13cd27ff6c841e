// TupuRelate: placeholder until the module lands.
