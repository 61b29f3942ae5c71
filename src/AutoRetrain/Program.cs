// Host entry point; the AutoRetrain component is built out in its own issue.
Console.Error.WriteLine("sentinel: the AutoRetrain component is not part of this build yet.");
return 64;
