using System.Reflection;
using Obeya.Browser.Tests;
using Xunit.Sdk;

// One class at a time: the suite is bound by the two cores, and beside the web tests a second class only adds
// contention (measured: 821 CPU-seconds two at a time, 754 one at a time, for 34 s less when alone).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: ClosePagesAfterEachTest]

namespace Obeya.Browser.Tests;

/// <summary>Closes the browser contexts a test opened once it ends, pass or fail (see <see cref="BrowserFixture"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ClosePagesAfterEachTestAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => BrowserFixture.StartTest();

    // Off xunit's synchronization context, so Playwright's continuations cannot wait for the thread this blocks.
    public override void After(MethodInfo methodUnderTest) =>
        Task.Run(BrowserFixture.CloseOpenContextsAsync).GetAwaiter().GetResult();
}
