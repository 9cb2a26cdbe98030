namespace Obeya.Web.Infrastructure;

/// <summary>
/// A setting Obeya cannot run with, found at start rather than on the first request. The message names the
/// setting and what to put there; it is meant for the person running Obeya.
/// </summary>
public sealed class InvalidSettingException : Exception
{
    public InvalidSettingException()
    {
    }

    public InvalidSettingException(string message)
        : base(message)
    {
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
