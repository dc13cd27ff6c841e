print("tupu: under construction")
