print("jitbook")
