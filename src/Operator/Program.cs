// Host entry point; the Operator component is built out in its own issue.
Console.Error.WriteLine("sentinel: the Operator component is not part of this build yet.");
return 64;
