// Nothing: the start and exit of the .NET runtime alone.
return 0;
