// TupuGazetteer: placeholder until the module lands.
