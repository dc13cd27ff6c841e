// TupuRecognise: placeholder until the module lands.
