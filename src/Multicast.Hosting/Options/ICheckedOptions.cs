namespace Multicast.Hosting;

/// <summary>Options that can say what is wrong with them, key by key.</summary>
internal interface ICheckedOptions
{
    /// <summary>Every refused value; keys are property names (<c>Port</c>, <c>Groups:1</c>).</summary>
    IEnumerable<OptionProblem> Check();
}
