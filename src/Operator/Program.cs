Console.Error.WriteLine("sentinel-operator: starting");
return 0;
