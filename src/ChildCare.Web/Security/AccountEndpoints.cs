using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ChildCare.Web.Security;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        }).RequireAuthorization();
    }
}
