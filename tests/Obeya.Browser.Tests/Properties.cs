using System.Reflection;
using Obeya.Browser.Tests;
using Xunit.Sdk;

// Two test classes at a time, each with its own server and database, in the one Chromium: while one waits for a
// screen to answer, the other uses the core (alone, the run kept a third of the machine idle).
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
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
