using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Obeya.Domain;
using Obeya.Web.Access;

namespace Obeya.Web.Infrastructure;

/// <summary>JSON, OpenAPI and RFC 9457 problem details for every /api endpoint.</summary>
public static class ObeyaApi
{
    public static IServiceCollection AddObeyaApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
        {
            Configure(options.SerializerOptions);
            // Only answers word phrases: the store and live pushes never carry one.
            options.SerializerOptions.Converters.Add(new Json.PhraseJson());
        });
        // Malformed bodies throw, so that ProblemResponses can name the field instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemResponses>();
        services.AddOpenApi(options => options.AddSchemaTransformer((schema, context, _) =>
        {
            // NodaTime values travel as ISO-8601 strings; say so in the document.
            // A value that may be left out (LocalDate?) may also be null, unless the request requires it all the same.
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            var text = type != context.JsonTypeInfo.Type && context.JsonPropertyInfo is not { IsRequired: true }
                ? JsonSchemaType.String | JsonSchemaType.Null
                : JsonSchemaType.String;
            if (type == typeof(LocalDate))
            {
                (schema.Type, schema.Format) = (text, "date");
            }
            else if (type == typeof(Instant))
            {
                (schema.Type, schema.Format) = (text, "date-time");
            }
            else if (type == typeof(LocalTime))
            {
                (schema.Type, schema.Format) = (text, "time");
            }
            else if (type == typeof(Phrase))
            {
                // What the domain says, worded in the request's language.
                (schema.Type, schema.Properties) = (JsonSchemaType.String, null);
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.Converters.Add(new Json.ActorJson());
        // A missing or null required field is an error the client hears about, not a silent default.
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
    }

    public static WebApplication UseObeyaApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().OpenToAnyone("the API's description holds no data; clients read it before they sign in");
        return app;
    }
}
