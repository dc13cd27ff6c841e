// TupuExport: placeholder until the module lands.
